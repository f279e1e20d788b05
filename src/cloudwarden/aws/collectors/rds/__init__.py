"""RDS: DB instances and clusters, snapshots and who may restore them, parameter groups, events.

Instances, clusters and snapshots carry their tags in the describe response; parameter groups and
event subscriptions get theirs from ListTagsForResource. Parameter groups are read in full
(DescribeDBParameters) into a flat name -> value map, so TLS and logging settings can be checked.
"""
