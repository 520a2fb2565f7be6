--
-- PostgreSQL database dump
--
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public."Group_" (
    groupid bigint NOT NULL,
    name character varying(75),
    site boolean,
    createdate timestamp without time zone,
    portrait bytea,
    ratio numeric(13,4),
    version double precision
);
COPY public."Group_" (groupid, name, site, createdate, portrait, ratio, version) FROM stdin;
20137	Guest\ttab\nnl\\bs \303\251	t	2016-08-04 10:00:00.123	\\x00ff10	12.5000	2.3
20138	\N	f	\N	\N	\N	\N
\.

ALTER TABLE ONLY public."Group_"
    ADD CONSTRAINT "Group__pkey" PRIMARY KEY (groupid);
CREATE UNIQUE INDEX ix_g ON public."Group_" USING btree (name, site DESC);
