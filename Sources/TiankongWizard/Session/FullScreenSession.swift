import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// Runs the full-screen wizard: terminal events go through the key map and the reducer; the
/// effects the reducer asks for are done here (files, suspending, leaving).
final class FullScreenSession {
    private let terminal: Terminal
    private let store: AnswerStore
    private let writer: AutosaveWriter
    /// Proof-reads the review's report off the main thread.
    private let proofreader: NewestWorker<ProofreadRequest, ProofreadResult>
    private var state: WizardState
    private var keyMap = KeyMap()
    /// What the view keeps between this screen's frames.
    private let renderCache = RenderCache()
    private var lastSaved: AutosaveContents
    private let saver: ReportSaver
    /// Warnings waiting for the screen to be free (no dialog, no other notice).
    private var warnings: [String]
    private var autosaveWarned: Bool
    private var triedSaving = false

    init(template: Template, language: Language, terminal: Terminal, store: AnswerStore, start: Start = Start(),
         document: ReportDocument? = nil, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.terminal = terminal
        self.store = store
        writer = AutosaveWriter(store: store, templateText: template.text)
        proofreader = NewestWorker { request in request.run(on: template) }
        saver = ReportSaver(template: template, messages: Messages(language: language), workingDirectory: workingDirectory,
                            wordFile: start.wordFile)
        state = WizardState(template: template, language: language, size: terminal.size, earlierAnswers: start.earlierAnswers,
                            document: document)
        state.correctsTemplateWords = start.wordFile == nil
        state.earlierCorrections = start.earlierCorrections
        lastSaved = AutosaveContents()
        warnings = start.warnings
        autosaveWarned = start.autosaveWarned
        if start.resumeWithoutAsking, case .resume = state.dialog { _ = dispatch(.yes) }
        lastSaved = contents
    }

    /// The event loop. Draws and autosaves when no key is waiting, so a burst of keys costs one frame.
    /// - Returns: `.ok`, or `.signal(n)` after signal n (SIGHUP when the terminal hung up without one).
    func run() -> ExitStatus {
        var needsDraw = true
        // The first frame goes out before the keyboard is first read: ncurses' first read refreshes a
        // window nothing was drawn in yet (it clears the screen and updates it all), and keys typed
        // before the start are read right after the frame anyway.
        var firstRound = true
        while true {
            if let signal = Signals.takeTerminating() {
                autosaveNow()
                terminal.close()
                return .signal(signal)
            }
            if Signals.takeStop() {
                terminal.suspend()
                needsDraw = true
            }
            for result in proofreader.take() {
                _ = dispatch(.proofreadFinished(result))
                needsDraw = true
            }
            // While proof-reading runs, the keyboard is looked at often enough to show its findings soon.
            let idle: Int32 = needsDraw || contents != lastSaved ? 0 : proofreader.isBusy ? 50 : 200
            let event = firstRound ? nil : terminal.nextEvent(timeoutMilliseconds: idle)
            firstRound = false
            guard let event else {
                // The first save finds out whether autosaving works at all, and says so with this frame.
                if !triedSaving { autosave() }
                if !warnings.isEmpty, state.dialog == nil, state.notice == nil {
                    state.notice = Notice(kind: .warning, text: warnings.joined(separator: " "))
                    warnings = []
                    needsDraw = true
                }
                if needsDraw {
                    terminal.draw(WizardView.frame(state, size: state.size, cache: renderCache))
                    needsDraw = false
                }
                // Saves are handed over once the frame is out, and written on the writer's own thread:
                // the echo never waits for the disk.
                autosave()
                // A failed save has something to say: show it on the next round.
                if !warnings.isEmpty, state.dialog == nil, state.notice == nil { needsDraw = true }
                continue
            }
            needsDraw = true
            let actions: [Action]
            switch event {
            case .key(let key): actions = keyMap.actions(for: key, in: KeyContext(state))
            case .resize(let size): actions = [.resize(size)]
            case .hangUp:
                // As for SIGHUP: nobody is left to answer a question, so save and leave.
                autosaveNow()
                terminal.close()
                return .signal(SIGHUP)
            }
            for action in actions {
                if let code = dispatch(action) {
                    autosaveNow()
                    terminal.close()
                    if !state.savedPaths.isEmpty { print(state.text.saved(state.savedPaths)) }
                    return code
                }
            }
        }
    }

    /// Reduces one action and does its effects; returns the exit status when the session ends.
    private func dispatch(_ action: Action) -> ExitStatus? {
        var pending = [action]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for effect in Reducer.reduce(&state, next) {
                switch effect {
                case .writeReport(let path, let overwrite):
                    pending.append(.saveFinished(writeReport(path, overwrite: overwrite)))
                case .startAfresh:
                    writer.finish()
                    store.backUp()
                case .proofread(let request):
                    proofreader.submit(request)
                    // A report of a few pages is proof-read before the next frame; a long one says "校对中…".
                    pending += proofreader.take(within: 300).map { .proofreadFinished($0) }
                case .suspend:
                    autosaveNow()
                    terminal.suspend()
                    pending.append(.resize(terminal.size))
                case .quit(let code):
                    return code
                }
            }
        }
        return nil
    }

    private func writeReport(_ path: String, overwrite: Bool) -> SaveOutcome {
        autosaveNow()
        return saver.save(name: path, values: state.reportAnswers, corrections: state.corrections, overwrite: overwrite)
    }

    /// What the autosave is to hold now.
    private var contents: AutosaveContents {
        AutosaveContents(answers: state.answers, corrections: state.corrections)
    }

    /// Hands the answers to the autosave writer when they changed (it writes them on its own thread),
    /// and takes up a failure of an earlier save: said once.
    private func autosave() {
        if contents != lastSaved {
            lastSaved = contents
            writer.submit(contents)
            if !triedSaving {
                // The first save finds out whether autosaving works at all: waited for, so that the
                // next frame can say so. Later ones are not.
                triedSaving = true
                writer.finish()
            }
        }
        if let error = writer.takeFailure(), !autosaveWarned {
            // Keep going: the answers are still on screen; the next change tries again.
            autosaveWarned = true
            warnings.append(state.text.autosaveFailed(state.messages.text(for: error)))
        }
    }

    /// Autosaves and waits until the answers are on disk: before leaving, suspending or saving.
    private func autosaveNow() {
        autosave()
        writer.finish()
        autosave()
    }
}
