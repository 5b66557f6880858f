"""Chinese domain values every stage shares: money and 人民币大写, 统一社会信用代码, working days.

Nothing here knows about specs or contracts; each stage may use these.
"""
