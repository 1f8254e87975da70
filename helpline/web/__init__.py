"""Web glue: blueprints that turn HTTP into calls on the service and back."""
