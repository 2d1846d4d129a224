-- A host application's own first migration, for MigrationsTest.
CREATE TABLE host_things (id bigint PRIMARY KEY);
