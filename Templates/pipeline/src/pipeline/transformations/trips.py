import dlt
from pyspark.sql import functions as F


@dlt.table(comment="NYC taxi trips with their duration in minutes.")
def trips():
    return spark.read.table("samples.nyctaxi.trips").withColumn(
        "duration_minutes",
        (F.col("tpep_dropoff_datetime").cast("long") - F.col("tpep_pickup_datetime").cast("long")) / 60,
    )
