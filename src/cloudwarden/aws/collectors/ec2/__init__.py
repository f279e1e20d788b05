"""EC2 compute and storage: instances, security groups, EBS volumes and snapshots, AMIs, and the
per-region EC2/EBS account settings. (VPC networking lives in the ``vpc`` package.)

Snapshots and images are the account's own (``OwnerIds``/``Owners`` = self); who else may use
them is a detail call per snapshot or image. Most fields keep their AWS name in snake_case.
"""
