SET NAMES latin1;
CREATE TABLE l (i int(11), s varchar(9), b blob, f bit(1), r double, m decimal(9,2)) DEFAULT CHARSET=latin1;
insert into l values (-1,'café',_binary 'x\0y',b'1',1.5e3,'1.50'),(0x10,X'e9',0xff00,0,.5,-3);
REPLACE INTO l (s,i,b,f,r,m) VALUE ('z',2,'',1,0,0);
