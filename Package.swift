// swift-tools-version:6.2
// Guichet: the case-tracking server of a municipal citizen office.
// No third-party Swift packages: Foundation, Dispatch and the system libraries below.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "guichet",
    products: [
        .executable(name: "guichet", targets: ["guichet"])
    ],
    targets: [
        // System libraries and the small C shim.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),
        .target(name: "CLinux", path: "Sources/CLinux"),

        // The three independent layers.
        .target(name: "Locking", swiftSettings: strict),
        .target(name: "HTTPServer", dependencies: ["CLinux", "CZlib", "Locking"], swiftSettings: strict),
        .target(name: "Postgres", dependencies: ["CLibPQ", "Locking"], swiftSettings: strict),
        .target(name: "GuichetCore", dependencies: ["Locking"], swiftSettings: strict),

        // The application and the executable.
        .target(
            name: "GuichetApp",
            dependencies: ["HTTPServer", "Postgres", "GuichetCore", "CCrypt", "Locking"],
            swiftSettings: strict
        ),
        .executableTarget(name: "guichet", dependencies: ["GuichetApp"], swiftSettings: strict),

        // Tests: one target per module, plus shared support (raw HTTP client, server process, test database).
        .target(name: "TestSupport", dependencies: ["Postgres"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "Locking", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "GuichetCoreTests", dependencies: ["GuichetCore"], swiftSettings: strict),
        .testTarget(
            name: "GuichetAppTests",
            dependencies: ["GuichetApp", "GuichetCore", "HTTPServer", "Postgres", "TestSupport"],
            swiftSettings: strict
        ),
    ]
)
