SELECT count(*) FROM raw_trips;
