import BundleEngine
import BundleModel
import BundleValidation
import Foundation
import Workspace
import WorkspaceOperations

/// What the in-process tools share.
enum EngineTools {
    /// Files parsed by earlier calls of this process, reused while their inode, size and modification
    /// time stay the same (DiskFileSource's content identity): an agent validates the same bundle
    /// again and again, and only the files it changed are read and parsed again.
    static let parseCache = ParseCache()

    /// The bundle at or above the tool's folder.
    static func bundleRoot(_ context: ToolContext) throws(EngineError) -> URL {
        do {
            return try BundleLoader.locateRoot(from: context.directory, walkUp: true)
        } catch {
            throw EngineError(.notFound, error.description)
        }
    }

    /// `validate_bundle`: the JSON `dabrepo validate --output json` prints; a validation that cannot
    /// run at all is an error whose structured content is that same document.
    static func validate(_ targets: ValidationRequest.Targets, variables: [String] = [], disabledRules: Set<String> = [],
                         context: ToolContext) -> ToolOutcome {
        let report = BundleValidationOperation.run(in: context.directory, targets: targets, variables: variables,
                                                    disabledRules: disabledRules, environment: context.environment, cache: parseCache)
        let json = JSONReportFormatter().render(report)
        if report.isSetupFailure {
            return ToolOutcome(isError: true, text: report.diagnostics.first?.summary ?? "validation could not run", structuredJSON: Data(json.utf8))
        }
        return ToolOutcome(isError: false, text: json, structuredJSON: Data(json.utf8))
    }

    /// Connects, when the operation needs the workspace, configured from the tool's environment.
    static func connect(_ arguments: ToolArguments, context: ToolContext) -> WorkspaceConnection.Connect {
        WorkspaceConnection.connect(profile: arguments.string("profile"), environment: context.environment)
    }

    /// Runs an operation off the cooperative thread pool (it blocks on files, git and the network):
    /// its outcome, or its failure as an error outcome.
    static func blocking(_ body: @escaping @Sendable () throws(EngineError) -> ToolOutcome) async -> ToolOutcome {
        await BlockingWork.run {
            do throws(EngineError) { return try body() } catch { return ToolOutcome(error: error) }
        }
    }

    /// A query of the workspace for the tool's `profile`: the document it answers, or its failure.
    static func query(_ arguments: ToolArguments, _ context: ToolContext,
                      _ body: @escaping @Sendable (WorkspaceQuery) throws(EngineError) -> WorkspaceDocument) async -> ToolOutcome {
        let query = WorkspaceQuery(connect: connect(arguments, context: context))
        return await blocking { () throws(EngineError) in
            let document = try body(query)
            return ToolOutcome(isError: false, text: document.text, structuredJSON: document.object)
        }
    }

    /// An operation's steps as the tool's progress notifications.
    static func progress(_ context: ToolContext) -> ProgressHandler? {
        guard let report = context.progress else { return nil }
        let steps = ProgressSteps(report)
        return { step in
            switch step {
            case .transfer(_, let done, let total, _): steps.step(done: Double(done), total: Double(total), message: step.message)
            case .runStarted, .runState: steps.step(done: nil, total: nil, message: step.message)
            }
        }
    }
}
