import Foundation
import SessionStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where passphrases come from: the environment variable named by
/// `--passphrase-env` (for scripts), else the terminal, with echo off.
/// Nothing here ever prints or logs a passphrase.
enum Passphrases {
    static let minimumLength = 8

    /// The cipher that opens an encrypted file (called by `Sessions.open`).
    static func cipher(for meta: FileMeta, path: String, env: String?) throws -> any PayloadCipher {
        let passphrase = try existing(for: path, env: env)
        return try EncryptedPayloads.unlock(meta: meta, passphrase: passphrase, path: path)
    }

    /// The passphrase of an existing file: from `env`, else typed once.
    static func existing(for path: String, env: String?) throws -> String {
        if let env { return try fromEnvironment(env) }
        guard let typed = try SecretPrompt.ask("Passphrase for \(Output.inert(path)): ") else {
            throw StoreError.passphraseNeeded(path)
        }
        return typed
    }

    /// A new passphrase: from `env`, else typed twice on the terminal.
    static func new(for path: String, env: String?) throws -> String {
        let passphrase: String
        if let env {
            passphrase = try fromEnvironment(env)
        } else {
            guard let first = try SecretPrompt.ask("New passphrase for \(Output.inert(path)): ") else {
                throw CLIError("there is no terminal to ask for a passphrase on; give it with --passphrase-env VAR")
            }
            guard let second = try SecretPrompt.ask("Type it again: ") else {
                throw CLIError("no passphrase was typed")
            }
            guard first == second else { throw CLIError("the two passphrases differ; nothing was changed") }
            passphrase = first
        }
        guard passphrase.count >= minimumLength else {
            throw CLIError("a passphrase needs at least \(minimumLength) characters (a few unrelated words are best)")
        }
        return passphrase
    }

    static func fromEnvironment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw CLIError("the environment variable \(name) is not set (it should hold the passphrase)")
        }
        return value
    }
}

/// Terminal settings to put back if the user interrupts a prompt while echo is off.
/// Written before the handler is installed and only read by it.
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var promptDescriptor: Int32 = -1

private func restoreTerminalAndExit(_ signal: Int32) {
    if promptDescriptor >= 0 { _ = tcsetattr(promptDescriptor, TCSANOW, &savedTerminal) }
    _exit(128 + signal)
}

enum SecretPrompt {
    /// Reads one line from standard input, when it is a terminal, with echo
    /// off; the prompt goes to standard error (as `read -s -p` does). Nil when
    /// standard input is not a terminal: a script must use --passphrase-env.
    static func ask(_ prompt: String) throws -> String? {
        let fd = STDIN_FILENO
        guard isatty(fd) == 1, tcgetattr(fd, &savedTerminal) == 0 else { return nil }
        var quiet = savedTerminal
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        promptDescriptor = fd
        let oldInt = signal(SIGINT, restoreTerminalAndExit)
        let oldTerm = signal(SIGTERM, restoreTerminalAndExit)
        defer {
            _ = tcsetattr(fd, TCSANOW, &savedTerminal)
            promptDescriptor = -1
            signal(SIGINT, oldInt)
            signal(SIGTERM, oldTerm)
        }
        guard tcsetattr(fd, TCSANOW, &quiet) == 0 else { return nil }
        FileHandle.standardError.write(Data(prompt.utf8))
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawEnd = false
        while read(fd, &byte, 1) == 1 {
            if byte == 0x0A || byte == 0x0D {
                sawEnd = true
                break
            }
            bytes.append(byte)
            if bytes.count > 4_096 { throw CLIError("that passphrase is too long") }
        }
        guard sawEnd || !bytes.isEmpty else { throw CLIError("no passphrase was typed") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError("the passphrase is not valid UTF-8 text")
        }
        return text
    }
}
