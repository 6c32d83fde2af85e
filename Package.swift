// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Resgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "resgate", targets: ["resgate"]),
        .library(name: "XBase", targets: ["XBase"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "XBase"),
        .executableTarget(
            name: "resgate",
            dependencies: [
                "XBase",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "XBaseTests", dependencies: ["XBase"]),
    ]
)
