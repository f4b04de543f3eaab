import BundleModel
import Foundation

/// What a Databricks notebook needs and does, read from its source: Databricks SOURCE notebooks (Python,
/// SQL, Scala, R: the header line, `COMMAND ----------` cells, `MAGIC` lines, `DBTITLE`) and `.ipynb`.
public struct NotebookAnalysis: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var language: String
        public var title: String?
        public var source: String
    }

    public struct Widget: Sendable, Equatable {
        public var name: String
        public var kind: String
        public var defaultValue: String
    }

    public var language: String
    public var cells: [Cell]
    public var widgets: [Widget]
    public var libraries: [String]
    public var requirements: [String]
    public var imports: [String]
    public var runDependencies: [String]
    public var tablesRead: [String]
    public var tablesWritten: [String]
    /// A notebook (a Databricks SOURCE header or `.ipynb`); false for a plain `.py`, `.sql`, … file,
    /// which a job runs otherwise (`spark_python_task`, `sql_task`) or not at all.
    public var isNotebook = true

    public var usesML: Bool { imports.contains { ["mlflow", "torch", "sklearn", "xgboost", "tensorflow", "keras", "transformers", "lightgbm"].contains($0) } }
    public var isPipeline: Bool { imports.contains("dlt") || imports.contains("pyspark.pipelines") || declaresPipelineTables }

    /// SQL that only a pipeline runs: `CREATE STREAMING LIVE VIEW`, `CREATE OR REFRESH STREAMING TABLE`,
    /// `CREATE MATERIALIZED VIEW`, reads of `live.` tables (`stream(live.bronze)`).
    var declaresPipelineTables: Bool {
        cells.contains { cell in
            guard cell.language == "sql" else { return false }
            let sql = cell.source.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return ["create streaming live", "create live table", "create live view", "create temporary live", "create or refresh streaming table",
                    "create or refresh live table", "create or refresh materialized view", "create streaming table", "create materialized view",
                    "create or refresh temporary", "stream(live.", "from live.", "join live."].contains { sql.contains($0) }
        }
    }
    public var isStreaming: Bool { cells.contains { $0.source.contains("readStream") || $0.source.contains("writeStream") } }

    static let headers = ["# Databricks notebook source": "python", "-- Databricks notebook source": "sql",
                          "// Databricks notebook source": "scala"]

    public init(source text: String, fileName: String = "") throws {
        if fileName.hasSuffix(".ipynb") || text.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
            self = try Self.ipynb(text)
            return
        }
        let lines = text.sourceLines.map(String.init)
        var language = Self.headers[lines.first?.trimmingCharacters(in: .whitespaces) ?? ""] ?? Self.languageFromExtension(fileName)
        if lines.first?.hasPrefix("# Databricks notebook source") == true && fileName.hasSuffix(".r") { language = "r" }
        let comment = language == "sql" ? "--" : language == "scala" ? "//" : "#"
        var cells: [Cell] = []
        var current: [String] = []
        var title: String?
        func flush() {
            var body = current
            var cellLanguage = language
            // A cell made of MAGIC lines is in the magic's language.
            let magic = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if !magic.isEmpty, magic.allSatisfy({ $0.hasPrefix("\(comment) MAGIC") }) {
                body = body.map { $0.hasPrefix("\(comment) MAGIC ") ? String($0.dropFirst("\(comment) MAGIC ".count)) : $0.hasPrefix("\(comment) MAGIC") ? String($0.dropFirst("\(comment) MAGIC".count)) : $0 }
                if let first = body.first(where: { $0.hasPrefix("%") }) {
                    let word = String(first.dropFirst().prefix { !$0.isWhitespace })
                    cellLanguage = ["md": "markdown", "sql": "sql", "python": "python", "scala": "scala", "r": "r", "sh": "shell",
                                    "pip": "pip", "run": "run", "fs": "fs"][word] ?? word
                }
            }
            let source = body.joined(separator: "\n").trimmingCharacters(in: .newlines)
            if !source.isEmpty { cells.append(Cell(language: cellLanguage, title: title, source: source)) }
            current = []
            title = nil
        }
        for line in lines.dropFirst(Self.headers[lines.first?.trimmingCharacters(in: .whitespaces) ?? ""] != nil ? 1 : 0) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "\(comment) COMMAND ----------" { flush(); continue }
            if trimmed.hasPrefix("\(comment) DBTITLE") {
                title = trimmed.split(separator: ",", maxSplits: 1).dropFirst().first.map(String.init)
                continue
            }
            current.append(line)
        }
        flush()
        self.init(language: language, cells: cells)
        isNotebook = Self.headers[lines.first?.trimmingCharacters(in: .whitespaces) ?? ""] != nil
    }

    init(language: String, cells: [Cell]) {
        self.language = language
        self.cells = cells
        widgets = []
        libraries = []
        requirements = []
        imports = []
        runDependencies = []
        tablesRead = []
        tablesWritten = []
        analyze()
    }

    static func languageFromExtension(_ name: String) -> String {
        if name.hasSuffix(".sql") { return "sql" }
        if name.hasSuffix(".scala") { return "scala" }
        if name.hasSuffix(".r") || name.hasSuffix(".R") { return "r" }
        return "python"
    }

    static func ipynb(_ text: String) throws -> NotebookAnalysis {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw NSError(domain: "NotebookAnalysis", code: 1, userInfo: [NSLocalizedDescriptionKey: "not a notebook (.ipynb JSON)"])
        }
        let metadata = object["metadata"] as? [String: Any]
        let language = ((metadata?["language_info"] as? [String: Any])?["name"] as? String)?.lowercased() ?? "python"
        let cells: [Cell] = (object["cells"] as? [[String: Any]] ?? []).compactMap { cell in
            let source = (cell["source"] as? [String])?.joined() ?? cell["source"] as? String ?? ""
            let kind = cell["cell_type"] as? String ?? "code"
            var cellLanguage = kind == "markdown" ? "markdown" : language
            if let first = source.split(separator: "\n").first, first.hasPrefix("%") {
                let word = String(first.dropFirst().prefix { !$0.isWhitespace })
                cellLanguage = ["md": "markdown", "sql": "sql", "pip": "pip", "run": "run", "python": "python", "scala": "scala", "sh": "shell"][word] ?? cellLanguage
            }
            return source.isEmpty ? nil : Cell(language: cellLanguage, title: nil, source: source)
        }
        return NotebookAnalysis(language: language, cells: cells)
    }

    mutating func analyze() {
        for cell in cells {
            let source = cell.source
            for line in source.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if line.hasPrefix("%pip install") || line.hasPrefix("!pip install") {
                    var words = line.split(separator: " ").dropFirst(2).map(String.init)
                    while let w = words.first, w.hasPrefix("-") && w != "-r" { words.removeFirst() }
                    if words.first == "-r", words.count > 1 { requirements.append(words[1]) } else {
                        libraries += words.filter { !$0.hasPrefix("-") }
                    }
                }
                if line.hasPrefix("%run ") { runDependencies.append(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)) }
                if line.hasPrefix("import ") {
                    for part in line.dropFirst(7).split(separator: ",") {
                        let module = part.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
                        add(module: module)
                    }
                } else if line.hasPrefix("from ") {
                    add(module: line.dropFirst(5).split(separator: " ").first.map(String.init) ?? "")
                }
            }
            widgets += Self.widgets(in: source)
            tablesRead += Self.quotedArguments(of: ["spark.table(", "spark.read.table(", "readStream.table(", ".table("], in: source)
            tablesWritten += Self.quotedArguments(of: [".saveAsTable(", ".insertInto(", ".toTable("], in: source)
            if cell.language == "sql" {
                tablesRead += Self.sqlNames(after: ["from", "join"], in: source)
                tablesWritten += Self.sqlNames(after: ["into", "table", "overwrite"], in: source, requirePrefix: ["insert", "create", "replace", "overwrite", "merge"])
            }
        }
        func unique(_ a: [String]) -> [String] { var seen = Set<String>(); return a.filter { seen.insert($0).inserted } }
        libraries = unique(libraries)
        imports = unique(imports)
        tablesWritten = unique(tablesWritten)
        tablesRead = unique(tablesRead)
        runDependencies = unique(runDependencies)
        var seenWidgets = Set<String>()
        widgets = widgets.filter { seenWidgets.insert($0.name).inserted }
    }

    mutating func add(module: String) {
        let top = module.hasPrefix("pyspark.pipelines") ? "pyspark.pipelines" : String(module.split(separator: ".").first ?? "")
        if !top.isEmpty { imports.append(top) }
    }

    /// `dbutils.widgets.text("name", "default")`, dropdown / combobox / multiselect, `getArgument("name", "default")`.
    static func widgets(in source: String) -> [Widget] {
        var out: [Widget] = []
        for kind in ["text", "dropdown", "combobox", "multiselect"] {
            for args in calls(of: "dbutils.widgets.\(kind)(", in: source) where !args.isEmpty {
                out.append(Widget(name: args[0], kind: kind, defaultValue: args.count > 1 ? args[1] : ""))
            }
        }
        for args in calls(of: "getArgument(", in: source) where !args.isEmpty {
            out.append(Widget(name: args[0], kind: "argument", defaultValue: args.count > 1 ? args[1] : ""))
        }
        return out
    }

    /// The leading string literal arguments of each call of `function` (`name` and `default`).
    static func calls(of function: String, in source: String) -> [[String]] {
        var out: [[String]] = []
        var search = source.startIndex
        while let r = source.range(of: function, range: search..<source.endIndex) {
            var args: [String] = []
            var i = r.upperBound
            while args.count < 2 {
                while i < source.endIndex, source[i] == " " || source[i] == "," { i = source.index(after: i) }
                guard i < source.endIndex, source[i] == "\"" || source[i] == "'" else { break }
                let quote = source[i]
                let start = source.index(after: i)
                guard let end = source[start...].firstIndex(of: quote) else { break }
                args.append(String(source[start..<end]))
                i = source.index(after: end)
            }
            out.append(args)
            search = r.upperBound
        }
        return out
    }

    static func quotedArguments(of functions: [String], in source: String) -> [String] {
        var out: [String] = []
        for f in functions {
            out += calls(of: f, in: source).compactMap(\.first).filter { $0.contains(".") || !$0.contains(" ") }
        }
        return out
    }

    /// Table names after SQL keywords (`FROM a.b.c`), skipping subqueries.
    static func sqlNames(after keywords: [String], in source: String, requirePrefix: [String] = []) -> [String] {
        let words = source.replacingOccurrences(of: "\n", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == ")" || $0 == ";" || $0 == "," }).map(String.init)
        var out: [String] = []
        for (i, w) in words.enumerated() where keywords.contains(w.lowercased()) && i + 1 < words.count {
            if !requirePrefix.isEmpty && !words[..<i].suffix(3).contains(where: { requirePrefix.contains($0.lowercased()) }) { continue }
            var name = words[i + 1]
            if ["if", "not", "exists", "or"].contains(name.lowercased()) { name = words[min(i + 4, words.count - 1)] }
            name = name.trimmingCharacters(in: CharacterSet(charactersIn: "`\"'"))
            if name.lowercased() == "select" || name.isEmpty || name.hasPrefix("{") || name.hasPrefix("$") { continue }
            if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) { out.append(name) }
        }
        return out
    }

    /// A JSON-ready summary.
    public var summary: [String: Any] {
        ["language": language, "cells": cells.count, "cell_languages": Dictionary(grouping: cells, by: \.language).mapValues(\.count),
         "widgets": widgets.map { ["name": $0.name, "kind": $0.kind, "default": $0.defaultValue] },
         "libraries": libraries, "requirements": requirements, "imports": imports, "run_dependencies": runDependencies,
         "tables_read": tablesRead, "tables_written": tablesWritten, "ml_runtime": usesML, "pipeline": isPipeline, "streaming": isStreaming]
    }
}
