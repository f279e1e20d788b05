"""The hosted platform: spaces, members, AWS integrations and continuous scans."""
