/**
 * What the pages and the API share: the web server with its limits, security headers and error
 * answers, request parameters, paging, client identity and cookies, and the authors of a list of
 * posts. It knows neither the pages nor the API; each is a {@link dev.feedkit.example.web.Routes}
 * handed to {@link dev.feedkit.example.web.WebServer#start}.
 */
package dev.feedkit.example.web;
