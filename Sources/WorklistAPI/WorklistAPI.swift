// Generated from the OpenAPI document by swift-openapi-generator (see openapi.json); no hand-written code here.
