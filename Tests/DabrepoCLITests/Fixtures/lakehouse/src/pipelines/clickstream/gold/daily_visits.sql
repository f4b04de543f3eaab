CREATE OR REFRESH MATERIALIZED VIEW daily_visits AS SELECT date(started) AS day, count(*) AS visits FROM sessions GROUP BY 1;
