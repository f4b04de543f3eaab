CREATE OR REFRESH MATERIALIZED VIEW orders_by_day AS SELECT date(created_at) AS day, count(*) AS orders FROM orders GROUP BY 1;
