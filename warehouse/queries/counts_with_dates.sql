-- How many people, and when: each count with the dates in its sentence and the article date.
SELECT a.published,
       c.qualifier,
       c.value,
       c.high,
       c.unit,
       coalesce(string_agg(DISTINCT d.value, ', '), '') AS dates_in_sentence,
       c.text
FROM counts c
JOIN articles a ON a.id = c.article_id
LEFT JOIN dates d ON d.article_id = c.article_id AND d.sentence = c.sentence
GROUP BY ALL
ORDER BY a.published, c.value DESC
LIMIT 15;
