CREATE TABLE `t` (`id` int(11) NOT NULL, `s` text);
ALTER TABLE `t`
  ADD PRIMARY KEY (`id`),
  ADD UNIQUE KEY `u` (`s`(10));
CREATE INDEX ix ON t (s);
INSERT INTO t VALUES (1,'it''s "q" \n'),
(2,'unterminated
