import Foundation

/// A program run to its end without blocking Swift concurrency's few threads: the wait and the
/// reading of its output happen on a thread of their own.
enum ChildProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    /// Runs the program; when the calling task is cancelled (an MCP client cancels the request), the
    /// program is terminated.
    /// `errorLine` sees each line of standard error as it comes (progress).
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
                    standardInput: Data?, errorLine: (@Sendable (String) -> Void)? = nil) async -> Result {
        let process = Process()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: runBlocking(process, executable, arguments, in: directory, environment: environment,
                                                               standardInput: standardInput, errorLine: errorLine))
                }
            }
        } onCancel: {
            if process.isRunning { process.terminate() }
        }
    }

    private static func runBlocking(_ process: Process, _ executable: URL, _ arguments: [String], in directory: URL,
                                    environment: [String: String], standardInput: Data?,
                                    errorLine: (@Sendable (String) -> Void)?) -> Result {
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        // The child inherits this thread's signal mask, and threads started from Swift concurrency or
        // libdispatch workers block nearly every signal (seen in /proc/PID/status: SigBlk
        // fffffffe3bfbea27): such a child would ignore the SIGTERM of a cancellation, or a Ctrl-C.
        // This thread is ours: unblock everything first.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, nil)
        // Likewise its scheduling priority: on Linux the nice value is per thread and libdispatch sets
        // its own for QoS classes (-2, -4 seen), which children would keep. Children get the process's.
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        setpriority(which, 0, getpriority(which, id_t(getpid())))  // who 0: this thread, on Linux
        // Waited for through the termination handler: `waitUntilExit()` turns the run loop in 50 ms
        // steps, which added up to 50 ms to every tool call run as a child.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            return Result(status: 127, stdout: Data(), stderr: Data("cannot start \(executable.path): \(error.localizedDescription)".utf8))
        }
        // Standard input, then both outputs read to their end at the same time (a full pipe would stall the child).
        let writer = Thread {
            if let standardInput { input.fileHandleForWriting.write(standardInput) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            guard let errorLine else {
                errors.data = err.fileHandleForReading.readDataToEndOfFile()
                return
            }
            var pending = Data()
            while true {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                errors.data.append(chunk)
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    errorLine(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            if !pending.isEmpty { errorLine(String(decoding: pending, as: UTF8.self)) }
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        exited.wait()
        return Result(status: process.terminationStatus, stdout: output, stderr: errors.data)
    }
}
