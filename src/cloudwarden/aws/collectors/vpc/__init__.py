"""VPC networking, as EC2 types (``aws.ec2.*``): VPCs, subnets, route tables, network ACLs,
gateways, flow logs, endpoints, Elastic IPs, peering connections and NAT gateways.

Every type is read from its Describe* listing alone (no detail calls). The engine does not join
resources, so the raw facts a join needs are kept with consistent ids: a subnet is public when
the route table associated with it (or else the VPC's main table) has ``has_internet_route``; a
VPC has flow logs when some ``aws.ec2.flow_log`` has ``resource_id`` equal to the VPC id.
"""
