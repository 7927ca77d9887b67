// swift-tools-version: 6.1
// ConsentTap: a passive observer of server-side tracking forwards.
// Targets follow the pipeline in docs/ARCHITECTURE.md; each imports only the stages upstream of it.
import PackageDescription

/// Release builds of the per-packet and per-request targets skip run-time exclusivity checks (measured:
/// about 5% of the `http` run time went to swift_beginAccess, about 2% of the analysis for Consent's
/// keyed hashes); debug builds, which the tests use, keep them.
/// Note: `@inlinable package` bodies are not inlined into other modules by this toolchain; the small
/// per-packet types that other modules call on every segment (Primitives, Streams) are `public` for that.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "ConsentTap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "consenttap", targets: ["consenttap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.82.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
    ],
    targets: [
        // MARK: C libraries from Debian (see .ci/run and scripts/setup for the packages)
        .systemLibrary(name: "CPcap", path: "Sources/CPcap", providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "CCompression", path: "Sources/CCompression",
                       providers: [.apt(["zlib1g-dev", "libbrotli-dev", "libzstd-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: The synchronous core, in pipeline order
        .target(name: "Primitives", swiftSettings: hotPath),
        .target(name: "Capture", dependencies: ["Primitives", "CPcap"], swiftSettings: hotPath),
        .target(name: "Wire", dependencies: ["Primitives"], swiftSettings: hotPath),
        .target(name: "DNS", dependencies: ["Primitives"], swiftSettings: hotPath),
        // Public API and cross-module optimisation: the reassembler is generic over its handler, and
        // Engine gets a copy specialised for HTTPObserver (measured: about 3% of `http`).
        .target(name: "Streams", dependencies: ["Primitives"],
                swiftSettings: hotPath + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]),
        .target(name: "Codecs", dependencies: ["Primitives", "CCompression"], swiftSettings: hotPath),
        .target(name: "HTTP1", dependencies: ["Primitives", "Codecs"], swiftSettings: hotPath),
        .target(name: "HTTP2", dependencies: [
            "Primitives", "Codecs",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHPACK", package: "swift-nio-http2"),
        ], swiftSettings: hotPath),
        .target(name: "Catalog", dependencies: ["Primitives", .product(name: "Yams", package: "Yams")],
                resources: [.embedInCode("catalog.yaml")]),
        .target(name: "Payload", dependencies: ["Primitives"], swiftSettings: hotPath),
        .target(name: "Classify", dependencies: ["Primitives", "Payload", "COpenSSL"], swiftSettings: hotPath),
        .target(name: "Consent", dependencies: ["Primitives", "COpenSSL"], swiftSettings: hotPath),
        .target(name: "TLS", dependencies: ["Primitives", "COpenSSL"], swiftSettings: hotPath),

        // MARK: Edges: consent feed sources and store (I/O), alert sinks
        .target(name: "ConsentStore", dependencies: ["Primitives", "Consent", "CSQLite", "COpenSSL"]),
        .target(name: "Alerts", dependencies: ["Primitives", "Consent", "COpenSSL"]),

        // MARK: Wiring and the command line
        .target(name: "Engine", dependencies: [
            "Primitives", "Capture", "Wire", "DNS", "Streams", "TLS", "Codecs", "HTTP1", "HTTP2", "Catalog", "Payload", "Classify", "Consent",
        ], swiftSettings: hotPath),
        .target(name: "Live", dependencies: [
            "Primitives", "Capture", "CPcap", "Wire", "DNS", "Streams", "TLS", "Engine", "Consent",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: hotPath),
        .executableTarget(name: "consenttap", dependencies: [
            "Engine", "Capture", "Catalog", "Classify", "Consent", "ConsentStore", "Alerts", "TLS", "Live",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: hotPath),

        // MARK: Tests mirror Sources/
        .testTarget(name: "PrimitivesTests", dependencies: ["Primitives"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "Primitives"]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Primitives"]),
        .testTarget(name: "DNSTests", dependencies: ["DNS", "Primitives"]),
        .testTarget(name: "StreamsTests", dependencies: ["Streams", "Primitives"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "Primitives"]),
        .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1", "Codecs", "Primitives"]),
        .testTarget(name: "HTTP2Tests", dependencies: [
            "HTTP2", "Primitives",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHPACK", package: "swift-nio-http2"),
        ]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"]),
        .testTarget(name: "PayloadTests", dependencies: ["Payload", "Primitives"]),
        .testTarget(name: "ClassifyTests", dependencies: ["Classify", "Payload", "Primitives"]),
        .testTarget(name: "ConsentTests", dependencies: ["Consent", "Primitives"]),
        .testTarget(name: "TLSTests", dependencies: ["TLS", "Primitives"]),
        .testTarget(name: "ConsentStoreTests", dependencies: ["ConsentStore", "Consent", "Primitives"]),
        .testTarget(name: "AlertsTests", dependencies: ["Alerts", "ConsentStore", "Consent", "Primitives"]),
        .testTarget(name: "LiveTests", dependencies: ["Live", "Engine", "Capture", "Catalog", "Primitives"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Capture", "Catalog", "Classify", "Consent", "ConsentStore", "Alerts", "TLS", "Primitives"]),
    ]
)
