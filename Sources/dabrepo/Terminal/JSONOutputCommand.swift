import ArgumentParser
import BundleEngine
import Foundation

/// A command that can print JSON (`--output json`). When it fails before printing any, the failure
/// is printed as the engine's error JSON (`{"kind", "message"}`, as the tools return it), so that a
/// script reading standard output always gets JSON.
protocol JSONOutputCommand {
    var printsJSON: Bool { get }
}

extension JSONOutputCommand {
    /// The failure as JSON on standard output, unless the command printed something already.
    func reportFailure(exitStatus: Int32, message: String) {
        guard printsJSON, exitStatus != 0 else { return }
        let state = StandardStreams.record.state
        guard !state.wroteOutput else { return }
        let kind: EngineError.Kind = exitStatus == 2 ? .usage : exitStatus == 1 ? .refused : .internal
        let text = state.lastError ?? message.trimmingCharacters(in: .whitespacesAndNewlines)
        StandardStreams.out(EngineJSON.text(EngineError(kind, text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text)))
    }
}

/// The commands whose output format is text or JSON.
protocol TextOrJSONCommand: JSONOutputCommand {
    var output: TextOrJSON { get }
}

extension TextOrJSONCommand {
    var printsJSON: Bool { output == .json }
}

extension AgentStatusCommand: TextOrJSONCommand {}
extension AgentModelsCommand: TextOrJSONCommand {}
extension ApplyCommand: TextOrJSONCommand {}
extension EditCommand: TextOrJSONCommand {}
extension HooksCommand: TextOrJSONCommand {}
extension InitCommand: TextOrJSONCommand {}
extension GenerateJobCommand: TextOrJSONCommand {}
extension GenerateNotebooksCommand: TextOrJSONCommand {}
extension GenerateWorkspaceCommand: TextOrJSONCommand {}
extension LogCommand: TextOrJSONCommand {}
extension ShowCommand: TextOrJSONCommand {}
extension UndoCommand: TextOrJSONCommand {}
extension NotebooksListCommand: TextOrJSONCommand {}
extension NotebooksExportCommand: TextOrJSONCommand {}
extension NotebooksAnalyzeCommand: TextOrJSONCommand {}
extension RefineCommand: TextOrJSONCommand {}
extension ServeCommand: TextOrJSONCommand {}
extension SyncCommand: TextOrJSONCommand {}
extension CreateTestsCommand: TextOrJSONCommand {}
extension ToolsListCommand: TextOrJSONCommand {}
extension UploadCommand: TextOrJSONCommand {}
extension AuthDescribeCommand: TextOrJSONCommand {}
extension WorkspaceHealthCommand: TextOrJSONCommand {}
extension JobsListCommand: TextOrJSONCommand {}
extension JobsRunCommand: TextOrJSONCommand {}
extension SQLCommand: TextOrJSONCommand {}
extension WarehousesListCommand: TextOrJSONCommand {}
extension ClustersGetCommand: TextOrJSONCommand {}
extension DBFSListCommand: TextOrJSONCommand {}
extension DiffCommand: JSONOutputCommand { var printsJSON: Bool { output == .json } }
extension RulesCommand: JSONOutputCommand { var printsJSON: Bool { output == .json } }
extension ValidateCommand: JSONOutputCommand { var printsJSON: Bool { settings.printsJSON } }
