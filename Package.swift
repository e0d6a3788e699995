// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: IncidentModel ← IncidentStore, AWSActions ← IncidentOperations ← IncidentDocuments, Console ← FirebreakCLI ← firebreak.
// docs/ARCHITECTURE.md explains each module's job.
let package = Package(
    name: "Firebreak",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "firebreak", targets: ["firebreak"]),
        .executable(name: "firebreak-bench", targets: ["FirebreakBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // gzip for log files as AWS delivers them to S3 (CloudTrail, VPC Flow Logs); zlib underneath.
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
    ],
    targets: [
        .target(name: "IncidentModel"),
        // The one AWS CLI runner, the action catalog (data in actions/), planning, execution and undo.
        .target(name: "AWSActions", dependencies: ["IncidentModel", "DataFolders", "CProcessSpawn"]),
        // How the AWS CLI is started: fork + exec with a death signal and no inherited descriptors (posix_spawn sets neither).
        .target(name: "CProcessSpawn"),
        // moto_server on a free 127.0.0.1 port: the one emulator launcher of drills, the benchmark and the tests.
        .target(name: "AWSEmulator"),
        // Where themes, action definitions and drill scenarios are looked for.
        .target(name: "DataFolders"),
        .target(
            name: "IncidentStore",
            dependencies: [
                "IncidentModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The use cases both front ends share (import, discovery, readiness, action runs, verification,
        // report data), the one AWS-runner factory and region rule; below FirebreakCLI and Console.
        .target(name: "IncidentOperations", dependencies: ["IncidentModel", "IncidentStore", "AWSActions"]),
        // The incident written out: the JSON values of --json and the report, the post-incident report as
        // Markdown, JSON and HTML, and the report file; above IncidentOperations, below FirebreakCLI.
        .target(name: "IncidentDocuments", dependencies: ["IncidentModel", "IncidentStore", "AWSActions", "IncidentOperations"]),
        // The shared store: IncidentEventStore on a PostgreSQL server (PostgresNIO), and where `--db` points.
        .target(
            name: "PostgresStore",
            dependencies: [
                "IncidentModel",
                "IncidentStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "FirebreakCLI",
            dependencies: [
                "IncidentModel",
                "IncidentStore",
                "PostgresStore",
                "AWSActions",
                "IncidentOperations",
                "IncidentDocuments",
                "AWSEmulator",
                "Console",
                "TerminalUI",
                "NcursesTerminal",
                "LogTail",
                "DataFolders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "firebreak", dependencies: ["FirebreakCLI"]),
        // The benchmark suite (docs/BENCHMARKS.md): each figure beside a baseline measured in the same run.
        .executableTarget(
            name: "FirebreakBench",
            dependencies: ["FirebreakCLI", "IncidentModel", "IncidentStore", "PostgresStore", "AWSActions", "AWSEmulator", "Console", "TerminalUI", "LogTail"]
        ),
        // Drawing without a terminal: canvas, styles, themes, keys, widgets, layout.
        .target(name: "TerminalUI", dependencies: ["DataFolders"]),
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The only module that touches ncursesw.
        .target(name: "NcursesTerminal", dependencies: ["TerminalUI", "CNcursesw"]),
        // The app: model, messages, update, view; the four panes; the UI loop.
        .target(name: "Console", dependencies: ["IncidentModel", "IncidentStore", "IncidentOperations", "TerminalUI", "LogTail"]),
        // Log sources → lines: bounded ring buffer, filter, links to the incident's resources.
        .target(
            name: "LogTail",
            dependencies: ["IncidentModel", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "CompressNIO", package: "compress-nio")]
        ),
        .testTarget(
            name: "LogTailTests",
            dependencies: ["LogTail", "IncidentModel", "TerminalUI", "FirebreakTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "IncidentModel", "IncidentStore", "TerminalUI", "LogTail", "FirebreakTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "IncidentModelTests", dependencies: ["IncidentModel"]),
        .testTarget(name: "AWSActionsTests", dependencies: ["AWSActions", "IncidentModel", "firebreak", "FirebreakTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "IncidentStoreTests",
            dependencies: [
                "IncidentModel", "IncidentStore", "PostgresStore", "FirebreakTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                // To forge signatures the way an attacker with the file would.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "FirebreakCLITests", dependencies: ["firebreak", "FirebreakTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "FirebreakTestSupport"]),
        .testTarget(name: "NcursesTerminalTests", dependencies: ["NcursesTerminal", "TerminalUI"]),
        // Crashes, concurrency, hostile input, secrets and the terminal's survival (docs/RELIABILITY.md).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["firebreak", "IncidentModel", "AWSActions", "TerminalUI", "LogTail", "FirebreakTestSupport"]
        ),
        // What the test targets share: a seedable generator, temporary folders, tmux, servers (moto through AWSEmulator).
        .target(name: "FirebreakTestSupport", dependencies: ["AWSEmulator"], path: "Tests/Support"),
    ],
    swiftLanguageModes: [.v6]
)

// Coverage-guided fuzz targets (libFuzzer, docs/RELIABILITY.md "Fuzzing"),
// declared only for `scripts/fuzz`'s build (FIREBREAK_FUZZ=1, its own
// scratch path, -sanitize=fuzzer): the default build never sees them.
if Context.environment["FIREBREAK_FUZZ"] == "1" {
    func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
        .executableTarget(name: "Fuzz\(name)", dependencies: ["FuzzSupport"] + dependencies, path: "Tests/Fuzz/\(name)")
    }
    package.targets += [
        // libFuzzer's driver, for the targets' own `@main` (see FuzzDriver.h).
        .target(name: "FuzzDriver", path: "Tests/Fuzz/Driver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver"], path: "Tests/Fuzz/Support"),
        fuzzTarget("Identifiers", ["IncidentModel"]),
        fuzzTarget("Findings", ["AWSActions"]),
        fuzzTarget("ActionDefinitions", ["AWSActions"]),
        fuzzTarget("AWSLogs", ["AWSActions", "LogTail"]),
        fuzzTarget("LogLines", ["LogTail", "TerminalUI", .product(name: "Crypto", package: "swift-crypto")]),
        fuzzTarget("Themes", ["TerminalUI"]),
        fuzzTarget("Config", ["IncidentModel"]),
    ]
}
