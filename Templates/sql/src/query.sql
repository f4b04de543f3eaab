-- Counts the trips of the NYC taxi sample data set.
USE CATALOG IDENTIFIER(:catalog);
SELECT count(*) AS trips FROM samples.nyctaxi.trips;
