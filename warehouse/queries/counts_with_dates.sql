-- How many people, and when: each count with the date it refers to, the article date and its source.
SELECT published, qualifier, value, high, unit, refers_to, refers_to_source AS chosen_by, text
FROM counts_in_context
ORDER BY published, start_char
LIMIT 15;
