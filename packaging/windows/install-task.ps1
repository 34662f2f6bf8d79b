<#
.SYNOPSIS
  Installs (or removes) the Vigie scheduled task: a read-only security check and delivery to the console every
  6 hours, as SYSTEM. Run from an elevated PowerShell, in the folder holding vigie-task.xml.

.EXAMPLE
  .\install-task.ps1                      # installs, then runs once
  .\install-task.ps1 -Console https://console.example.fr -Code ABCDE-FGHJK-MNPQR-STVWX [-Pin sha256/...]
  .\install-task.ps1 -Uninstall           # removes the task (the state folder is kept unless -Purge)
#>
[CmdletBinding()]
param(
    [string]$Console,
    [string]$Code,
    [string]$Pin,
    [switch]$Uninstall,
    [switch]$Purge
)
$ErrorActionPreference = 'Stop'
$TaskName = 'Vigie'
$State = Join-Path $env:ProgramData 'Vigie'
$Vigie = Join-Path $env:ProgramFiles 'Vigie\bin\vigie.cmd'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "Lancez ce script depuis un PowerShell administrateur. / Run this script from an elevated PowerShell."
}

if ($Uninstall) {
    if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
        Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
        Write-Host "Tâche planifiée Vigie supprimée. / Vigie scheduled task removed."
    }
    if ($Purge -and (Test-Path $State)) {
        Remove-Item -Recurse -Force $State
        Write-Host "Dossier d'état supprimé : $State / State folder removed."
    }
    return
}

if (-not (Test-Path $Vigie)) {
    throw "Vigie introuvable : $Vigie. Copiez d'abord bin\ et lib\ dans $env:ProgramFiles\Vigie. / Vigie not found."
}

# State folder: SYSTEM and Administrators only (it holds the device secret and the spool).
New-Item -ItemType Directory -Force -Path $State | Out-Null
& icacls.exe $State /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls a échoué sur $State" }

if ($Console -and $Code) {
    $enrollArgs = @('enroll', '--console', $Console, '--code', $Code, '--state-dir', $State)
    if ($Pin) { $enrollArgs += @('--pin', $Pin) }
    & $Vigie @enrollArgs
    if ($LASTEXITCODE -ne 0) { throw "Inscription refusée (code $LASTEXITCODE). / Enrollment failed." }
}

$xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'vigie-task.xml')
Register-ScheduledTask -TaskName $TaskName -Xml $xml -Force | Out-Null
Write-Host "Tâche planifiée Vigie installée (toutes les 6 heures, compte SYSTEM). / Vigie scheduled task installed."
Start-ScheduledTask -TaskName $TaskName
