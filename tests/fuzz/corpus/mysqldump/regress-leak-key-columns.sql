-- MySQL dump 10.13
/*!40101 SET NAMES utf8 */;
CREATE TABLE `t` (
  `id` bigint(20) NOT NULL,
  `s` varchar(75) DEFAULT NULL,
  `d` datetime DEFAULT NULL,
  PRIMARY KEY (`óõü÷”ıﬂ‰KEY `IX_S` (`s`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
LOCK TABLES `t` WRITE;
INSERT INTO `t` VALUES (1,'a\'b','2016-07-06 09:43:01'),(2,NULL,ULL);
UNLOCK TABLES;
