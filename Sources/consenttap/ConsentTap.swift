import ArgumentParser
import Engine

@main
struct ConsentTap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consenttap",
        abstract: "Passive observer of server-side tracking forwards."
    )
}
