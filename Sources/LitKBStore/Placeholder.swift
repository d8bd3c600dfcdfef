import LitKBModel
let embedded = PackageResources.schema_sql
