-- The registered name of an organisation (工商登记名称). Short names like 中国联通 are fine on the
-- map; a notice or a penalty decision must name the party as registered, or it names no one.
ALTER TABLE organisations ADD COLUMN legal_name_zh text
  CHECK (legal_name_zh IS NULL OR char_length(legal_name_zh) BETWEEN 2 AND 120);

-- Databases seeded before this column existed get the fixture carriers' registered names; the
-- fixture loader writes the same names on a fresh start.
UPDATE organisations SET legal_name_zh = v.legal
FROM (VALUES
  ('unicom', '中国联合网络通信有限公司聊城市分公司'),
  ('telecom', '中国电信股份有限公司聊城分公司'),
  ('mobile', '中国移动通信集团山东有限公司聊城分公司'),
  ('broadcast', '山东广电网络有限公司聊城分公司')
) AS v(code, legal)
WHERE organisations.code = v.code AND organisations.legal_name_zh IS NULL;
