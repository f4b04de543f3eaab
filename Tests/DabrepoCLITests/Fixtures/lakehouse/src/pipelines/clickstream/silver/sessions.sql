CREATE OR REFRESH STREAMING TABLE sessions AS SELECT session_id, min(ts) AS started FROM STREAM(page_views) GROUP BY session_id;
