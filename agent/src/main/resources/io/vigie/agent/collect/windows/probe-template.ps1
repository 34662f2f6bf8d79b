# vigie-probe: {{name}}
# Read-only probe run by the Vigie agent: powershell.exe -NoProfile -NonInteractive -Command - (script on stdin).
# It changes nothing and prints one compressed JSON object: the probe's sections plus a "vigie" envelope.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Checked before anything else: in ConstrainedLanguage (AppLocker/WDAC) even setting [Console]::OutputEncoding
# is refused, so the marker must be written with plain strings only.
$vigieMode = "$($ExecutionContext.SessionState.LanguageMode)"
if ($vigieMode -ne 'FullLanguage') {
    Write-Output ('{"vigie":{"probe":"{{name}}","languageMode":"' + $vigieMode + '"}}')
    exit 0
}
[Console]::OutputEncoding = [Text.Encoding]::UTF8

function Vigie-Error($err) {
    $ex = $err
    $id = $null
    if ($err -is [Management.Automation.ErrorRecord]) { $ex = $err.Exception; $id = $err.FullyQualifiedErrorId }
    $native = $null
    if ($null -ne $ex.PSObject.Properties['NativeErrorCode']) { $native = "$($ex.NativeErrorCode)" }
    [ordered]@{ error = [ordered]@{
        type = $ex.GetType().FullName; message = $ex.Message; hresult = $ex.HResult; native = $native; errorId = $id } }
}

# Runs one section; a failure becomes {"error":{...}} in that section only.
function Vigie-Try([scriptblock]$block) {
    try { & $block } catch { Vigie-Error $_ }
}

# Local (CIM, .NET) date to ISO-8601 UTC.
function Vigie-Date($d) {
    if ($null -eq $d) { return $null }
    $t = [datetime]$d
    if ($t -eq [datetime]::MinValue) { return $null }
    $t.ToUniversalTime().ToString('o')
}

# Date already in UTC but without a kind (Windows Update COM API) to ISO-8601 UTC.
function Vigie-UtcDate($d) {
    if ($null -eq $d) { return $null }
    $t = [datetime]$d
    if ($t -eq [datetime]::MinValue) { return $null }
    [datetime]::SpecifyKind($t, [DateTimeKind]::Utc).ToString('o')
}

# A value under HKLM (64-bit view): $null when the key or the value is absent; throws when access is denied.
function Vigie-Reg([string]$path, [string]$name) {
    $k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey($path)
    if ($null -eq $k) { return $null }
    try { $k.GetValue($name) } finally { $k.Close() }
}

function Vigie-RegKeyExists([string]$path) {
    $k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey($path)
    if ($null -eq $k) { return $false }
    $k.Close()
    $true
}

$vigieMeta = [ordered]@{
    probe = '{{name}}'
    languageMode = $vigieMode
    psVersion = "$($PSVersionTable.PSVersion)"
    wow64 = ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess)
    elevated = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(
        [Security.Principal.SecurityIdentifier]'S-1-5-32-544')
}
try {
    $vigieOut = & {
{{body}}
    }
    if ($vigieOut -isnot [Collections.IDictionary]) { $vigieOut = [ordered]@{} }
} catch {
    $vigieOut = Vigie-Error $_
}
$vigieOut['vigie'] = $vigieMeta
ConvertTo-Json -InputObject $vigieOut -Compress -Depth 5
