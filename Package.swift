// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "litkb",
    products: [
        .executable(name: "litkb", targets: ["litkb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        // libxml2 behind a wall: only LitKBParsers imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib for the inputs libxml2's I/O layer does not open: a `.zip` (the NIH Open Citation
        // Collection comes as one) and the plain or gzip'd citation-pair CSV read in large blocks.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "LitKBModel"),
        // sqlite3_config is variadic, so Swift cannot call it: a C function sets SQLite up.
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // SHA-256 from OpenSSL's libcrypto (CommonCrypto on macOS) behind four plain C functions,
        // so Swift never sees OpenSSL's macros.
        .target(name: "CSHA256", linkerSettings: [.linkedLibrary("crypto", .when(platforms: [.linux]))]),
        .target(name: "LitKBParsers", dependencies: ["LitKBModel", "CLibXML2", "CZlib"]),
        .target(
            name: "LitKBStore",
            dependencies: [
                "LitKBModel",
                "CSQLiteSetup",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the bulk-ingest path where GRDB's per-statement conveniences cost more than the insert.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            // Sources/LitKBStore/schema.sql is a symlink to the top-level schema.sql,
            // the one source of the schema; the binary carries it as bytes.
            resources: [.embedInCode("schema.sql")]
        ),
        .target(name: "LitKBExport", dependencies: ["LitKBModel"]),
        // Two threads sharing a job: the parser and the store in an ingest, the store and the writer in an export.
        .target(name: "LitKBPipes"),
        .target(name: "LitKBIngest", dependencies: ["LitKBModel", "LitKBParsers", "LitKBStore", "LitKBPipes", "CSHA256"]),
        .executableTarget(
            name: "litkb",
            dependencies: [
                "LitKBModel", "LitKBParsers", "LitKBStore", "LitKBExport", "LitKBIngest", "LitKBPipes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The parsers under libFuzzer (scripts/fuzz.sh), or replaying the inputs it found.
        .executableTarget(name: "litkb-fuzz", dependencies: ["LitKBParsers", "LitKBModel"]),
        // Measures ingest against the bare libxml2 read floor; see BENCHMARKS.md.
        .executableTarget(name: "litkb-bench", dependencies: ["CLibXML2"]),
        // Times the read commands at any size, in process and as commands; see BENCHMARKS.md.
        .executableTarget(
            name: "litkb-scale",
            dependencies: ["LitKBStore", "LitKBModel", "LitKBExport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "LitKBModelTests", dependencies: ["LitKBModel"]),
        .testTarget(name: "LitKBParsersTests", dependencies: ["LitKBParsers", "LitKBModel"], exclude: ["Fixtures"]),
        .testTarget(name: "LitKBStoreTests", dependencies: ["LitKBStore", "LitKBModel"]),
        .testTarget(name: "LitKBExportTests", dependencies: ["LitKBExport", "LitKBModel", "LitKBParsers"]),
        .testTarget(name: "LitKBPipesTests", dependencies: ["LitKBPipes"]),
        .testTarget(name: "LitKBIngestTests", dependencies: ["LitKBIngest", "LitKBStore", "LitKBParsers", "LitKBModel"], exclude: ["Fixtures"]),
        // Runs the built `litkb` binary the way README tells a user to.
        // GRDB reads the knowledge bases the commands wrote, table by table (the kill trials).
        .testTarget(name: "litkbCLITests", dependencies: ["litkb", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Fixtures"]),
    ]
)
