/** The reference web app: a small Twitter-like product on SparkJava over one feed. */
package dev.feedkit.example;
