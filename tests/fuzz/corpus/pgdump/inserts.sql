SET standard_conforming_strings = on;
CREATE TABLE public.layout (plid bigint NOT NULL, name text, hidden_ boolean, b bytea);
INSERT INTO public.layout VALUES (1, 'it''s
\. multi', true, '\x00ff'::bytea);
INSERT INTO public.layout (plid, name, hidden_, b) VALUES (2, E'\u00e9\t', false, NULL), (-3, 'x', NULL, ''::bytea);
CREATE INDEX ix ON public.layout (lower(name));
