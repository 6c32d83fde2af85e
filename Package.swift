// swift-tools-version:6.1
import PackageDescription

/// The modules whose code runs per record and per field (codecs, set reader, restore).
/// In release builds their dynamic exclusivity checks are off: callgrind counted ~13 of
/// them per restored record (a `swift_beginAccess` with its thread-local access set,
/// ~1,150 instructions a record, 7 % of a restore). Debug builds, which the tests run,
/// keep every check, so a violation is still caught there.
let perRecordCode: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Resgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "resgate", targets: ["resgate"]),
        .library(name: "XBase", targets: ["XBase"]),
        .library(name: "BackupSet", targets: ["BackupSet"]),
        .library(name: "RestoreKit", targets: ["RestoreKit"]),
        .library(name: "Fiscal", targets: ["Fiscal"]),
        .library(name: "CloudRemote", targets: ["CloudRemote"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(name: "SystemZlib", path: "Sources/SystemZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's <malloc.h> (mallopt), for the command line's start-up.
        .systemLibrary(name: "SystemMalloc", path: "Sources/SystemMalloc"),
        // Words shown to people, in Portuguese and English.
        .target(name: "ResgateLocale"),
        // DBF/FPT/DBT/CDX codecs. Depends only on the words (its findings are facts).
        .target(name: "XBase", dependencies: ["ResgateLocale"], swiftSettings: perRecordCode),
        // The store backup format: discovery, reading, verifying, writing.
        .target(name: "BackupSet", dependencies: [
            "XBase", "SystemZlib", "ResgateLocale",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: perRecordCode),
        // Scan, restore, undo, diff.
        .target(name: "RestoreKit", dependencies: [
            "XBase", "BackupSet", "ResgateLocale", .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: perRecordCode),
        // NF-e/NFC-e sequence checks and other post-restore rules.
        // `recreate` inserts rows through RestoreKit's swap, undo and lock machinery.
        .target(name: "Fiscal", dependencies: [
            "XBase", "ResgateLocale", "RestoreKit",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Backup sets on rclone remotes (MEGA, SFTP, WebDAV…): list, fetch into a cache, upload.
        .target(name: "CloudRemote", dependencies: [
            "BackupSet", "ResgateLocale",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The operations both front ends call (scan, backups, show, verify, restore and its
        // check, diff, undo, reindex, backup, check), each returning a typed Encodable result.
        .target(name: "StoreOps", dependencies: ["XBase", "BackupSet", "RestoreKit", "Fiscal", "ResgateLocale"]),
        // `resgate status`: a store's (or a whole chain's) backup health as facts and
        // Prometheus textfile metrics.
        .target(name: "StoreStatus", dependencies: [
            "RestoreKit", "BackupSet", "Fiscal", "CloudRemote", "ResgateLocale",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The restore screen in the browser (`resgate ui`): JSON API + static page.
        .target(name: "ResgateWeb", dependencies: [
            "StoreOps", "RestoreKit", "BackupSet", "Fiscal", "XBase", "ResgateLocale",
            .product(name: "Hummingbird", package: "hummingbird"),
        ], exclude: ["Static"]),
        .executableTarget(
            name: "resgate",
            dependencies: [
                "StoreOps", "XBase", "BackupSet", "RestoreKit", "Fiscal", "ResgateLocale", "CloudRemote", "ResgateWeb", "StoreStatus",
                "SystemMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release resgate-bench …` (see scripts/bench.sh).
        .executableTarget(name: "resgate-bench", dependencies: ["XBase", "BackupSet", "RestoreKit"]),
        // What every test target shares: temp folders that clean up, the process runner and
        // the `resgate` binary, seeded random, the outside oracles, the demo store.
        .target(name: "ResgateTestSupport", dependencies: ["StoreOps"], path: "Tests/ResgateTestSupport"),
        // The command line's JSON contract, pinned on the demo store.
        .testTarget(name: "ResgateCLITests", dependencies: ["ResgateTestSupport", "StoreOps", "ResgateLocale"], exclude: ["Golden"]),
        .testTarget(name: "StoreOpsTests", dependencies: ["StoreOps", "RestoreKit", "XBase", "ResgateLocale", "ResgateTestSupport"]),
        .testTarget(name: "XBaseTests", dependencies: ["XBase", "ResgateTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BackupSetTests", dependencies: [
            "BackupSet", "XBase", "ResgateLocale", "ResgateTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["FuzzCorpus"]),
        .testTarget(name: "RestoreKitTests", dependencies: [
            "RestoreKit", "BackupSet", "XBase", "ResgateTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "FiscalTests", dependencies: ["Fiscal", "XBase", "RestoreKit", "StoreOps", "ResgateTestSupport"], exclude: ["Schemas"]),
        .testTarget(name: "CloudRemoteTests", dependencies: ["CloudRemote", "BackupSet", "XBase", "ResgateTestSupport"]),
        .testTarget(name: "StoreStatusTests", dependencies: ["StoreStatus", "CloudRemote", "BackupSet", "XBase", "ResgateTestSupport"]),
        .testTarget(name: "ResgateWebTests", dependencies: [
            "ResgateWeb", "RestoreKit", "BackupSet", "XBase", "ResgateLocale", "ResgateTestSupport",
        ]),
    ]
)
