using System;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>Runs a test body inside a workspace frame, as generated code does (Enter, then Exit in finally).</summary>
internal static class Frame
{
    public static void Run(Action<Workspace> body)
    {
        Workspace ws = Workspace.Enter();
        try
        {
            body(ws);
        }
        finally
        {
            ws.Exit();
        }
    }
}
