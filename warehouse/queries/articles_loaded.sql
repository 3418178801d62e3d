-- What landed: every article with its date, site and how many facts it gave.
SELECT a.published,
       a.title,
       (SELECT count(*) FROM person_mentions m WHERE m.article_id = a.id) AS people,
       (SELECT count(*) FROM counts c WHERE c.article_id = a.id) AS counts,
       (SELECT count(*) FROM dates d WHERE d.article_id = a.id) AS dates,
       (SELECT count(*) FROM article_urls u WHERE u.article_id = a.id) AS urls
FROM articles a
ORDER BY a.published DESC, a.title;
