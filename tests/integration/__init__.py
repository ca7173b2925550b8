def scalar(con, sql):
    """The single value a query returns."""
    return con.execute(sql).fetchone()[0]
