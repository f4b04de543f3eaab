import BundleGeneration
import Foundation

/// The notebook analyzer on Databricks SOURCE notebooks and .ipynb: the input's first byte chooses the
/// file name (and so the language), the rest is the notebook. It reads the notebook or throws; it never
/// crashes or hangs.
public func fuzzNotebook(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data, count > 0 else { return 0 }
    let names = ["notebook.py", "notebook.sql", "notebook.scala", "notebook.r", "notebook.ipynb", "notebook"]
    let name = names[Int(data[0]) % names.count]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: count - 1), as: UTF8.self)
    if let analysis = try? NotebookAnalysis(source: text, fileName: name) {
        _ = (analysis.usesML, analysis.isPipeline, analysis.isStreaming)
    }
    return 0
}
