"""A Spark job that resolves a column of mentions with a saved namenorm index.

    spark-submit [options] resolve_job.py INDEX INPUT.parquet COLUMN OUTPUT.parquet

INDEX is a file written by ``namenorm build-index`` (a path on the driver, or a URI such as
hdfs://...); Spark ships it to the executors. See docs/spark.md.
"""

import sys


def main(index: str, source: str, column: str, target: str) -> None:
    from pyspark.sql import SparkSession

    from namenorm.spark import resolve_column

    spark = SparkSession.builder.appName("namenorm-resolve").getOrCreate()
    df = spark.read.parquet(source)
    out = resolve_column(df, column, index=index)
    out.select("*", "namenorm.id", "namenorm.score").drop("namenorm").write.mode(
        "overwrite"
    ).parquet(target)
    resolved = spark.read.parquet(target).where("id IS NOT NULL").count()
    print(f"namenorm: resolved {resolved} of {df.count()} rows into {target}")
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:5])
