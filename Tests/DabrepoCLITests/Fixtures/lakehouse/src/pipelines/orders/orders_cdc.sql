CREATE OR REFRESH STREAMING TABLE orders;
APPLY CHANGES INTO orders FROM STREAM(main.raw.orders_feed) KEYS (order_id) SEQUENCE BY updated_at;
