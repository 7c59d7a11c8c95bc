// swift-tools-version: 6.1
import PackageDescription

/// The nine v6 APIs; each gets a target generated from `api/<name>.json`.
let apis: [(target: String, file: String)] = [
    ("WorkAPI", "work"), ("ReportingAPI", "reporting"), ("LookupAPI", "lookup"),
    ("GeoJSONAPI", "geojson"), ("PartyAPI", "party"), ("ExportAPI", "export"),
    ("EventAPI", "event"), ("SamplingAPI", "sampling"), ("WorklistAPI", "worklist"),
]

let openAPIRuntime = Target.Dependency.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")

let package = Package(
    name: "street-manager",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "street-manager", targets: ["StreetManager"])],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: apis.map { api in
        .target(
            name: api.target,
            dependencies: [openAPIRuntime],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        )
    } + [
        .target(
            name: "Contract",
            resources: [.copy("openapi")]
        ),
        .target(name: "Domain"),
        // The system's SQLite through its C API (a prepared-statement cache and threads of the
        // store's own; docs/decisions.md, D-SQLITE).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        // The system's Zstandard, for the stored chunks of CSV exports: three times as fast as
        // zlib's fastest level on export CSV, and a third smaller (docs/decisions.md, D-EXPORTS).
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .target(
            name: "Store",
            dependencies: [
                "Domain", "CSQLite", "CZstd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "App",
            dependencies: apis.map { .byName(name: $0.target) } + [
                "Contract", "Domain", "Store", openAPIRuntime,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "StreetManager",
            dependencies: [
                "App",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "ContractTests", dependencies: ["Contract"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "Store", "Domain", "Contract",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
    ]
)
