-- Ends every LISTEN of the session, such as one left by an earlier borrower of a pooled connection.
UNLISTEN *
