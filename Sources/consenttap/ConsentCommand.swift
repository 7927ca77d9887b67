import ArgumentParser
import Consent

/// `consenttap consent decode STRING`: decode a consent signal.
struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Consent signals and feeds.",
        subcommands: [Decode.self, ConsentImport.self, ConsentServe.self]
    )

    struct Decode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode an IAB TCF v2.2 TC string, GPP string, US Privacy string, or Google Consent Mode gcs/gcd value.",
            discussion: "The kind is detected. Prints one JSON object; exit status 2 when the string is malformed (outcome \"error\")."
        )
        @Argument(help: "The consent string.") var string: String

        func run() throws {
            let result = ConsentSignalDecoder.decode(string)
            let out = OutputStream(fd: 1)
            out.write(result.json + "\n")
            out.flush()
            if !result.isOK { throw ExitCode(2) }
        }
    }
}
