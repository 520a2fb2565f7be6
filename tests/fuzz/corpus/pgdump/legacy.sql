SET client_encoding = 'LATIN1';
SET standard_conforming_strings = off;
SET search_path = public, pg_catalog;
CREATE FUNCTION f() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
BEGIN INSERT INTO t VALUES ('no; row'); END
$_$;
CREATE TABLE t (id integer NOT NULL, s character varying(75), b bytea);
COPY t FROM stdin;
1	café	\\001\\\\
\.
INSERT INTO t VALUES (2, 'a\'b', E'\\x00');
/* c /* nested */ */ ALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
