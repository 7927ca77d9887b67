import ArgumentParser

/// The `consenttap` command: subcommands per job.
@main
struct ConsentTap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consenttap",
        abstract: "Passive observer of server-side tracking: who receives which personal data, under which consent.",
        discussion: """
        Exit status: 0 success; 1 'catalog match' found no vendor; 2 an input could not be opened or is not a \
        capture, or a key log, catalog, policy, consent or secret file could not be read or was refused, or a \
        consent string is malformed; 3 a capture was damaged (truncated or corrupt: everything before the \
        damage was processed and written); 64 usage error.
        """,
        subcommands: [HTTPCommand.self, TLSCommand.self, AnalyzeCommand.self, CatalogCommand.self, ClassifyCommand.self,
                      ConsentCommand.self, LiveCommand.self, CheckConfigCommand.self]
    )
}
