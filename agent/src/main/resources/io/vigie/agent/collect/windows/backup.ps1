# Backups: Windows Server Backup (admin or Backup Operators), Veeam Agent event log, File History configurations.
$out = [ordered]@{}
$out.wsb = Vigie-Try {
    if (-not (Get-Command Get-WBSummary -ErrorAction SilentlyContinue)) { return [ordered]@{ Installed = $false } }
    $s = Get-WBSummary
    [ordered]@{ Installed = $true; PolicyConfigured = ($null -ne (Get-WBPolicy))
        LastSuccessfulBackupTime = Vigie-Date $s.LastSuccessfulBackupTime; LastBackupTime = Vigie-Date $s.LastBackupTime
        LastBackupResultHR = $s.LastBackupResultHR; NumberOfVersions = $s.NumberOfVersions
        LastBackupTarget = $s.LastBackupTarget }
}
# Veeam Agent for Windows writes event 190 ("backup job finished") in its own log; Level 4 = Success,
# 3 = Warning, 2 = Failed. Messages are not read (they are localized).
$out.veeam = Vigie-Try {
    if (-not (Get-WinEvent -ListLog 'Veeam Agent' -ErrorAction SilentlyContinue)) { return [ordered]@{ Installed = $false } }
    $events = @(Get-WinEvent -FilterHashtable @{ LogName = 'Veeam Agent'; Id = 190 } -MaxEvents 50 -ErrorAction SilentlyContinue)
    [ordered]@{ Installed = $true; Events = @($events | ForEach-Object { [ordered]@{ TimeCreated = Vigie-Date $_.TimeCreated; Level = [int]$_.Level } }) }
}
# File History keeps one configuration per user profile; the catalog is rewritten at each run, successful or not.
# The last protected time is the user's registry value HKU\<SID>\Software\Microsoft\Windows\CurrentVersion\FileHistory
# ProtectedUpToTime (a FILETIME QWORD, as read by RegRipper's filehistory plugin and plaso's File History parser);
# it is readable only for loaded profiles (hives are never loaded by the agent). Sent raw; converted by the agent.
$out.fileHistory = Vigie-Try {
    $list = @()
    foreach ($p in @(Get-CimInstance -ClassName Win32_UserProfile -Filter 'Special=FALSE' -OperationTimeoutSec 10)) {
        $dir = Join-Path $p.LocalPath 'AppData\Local\Microsoft\Windows\FileHistory\Configuration'
        $cfg = Join-Path $dir 'Config1.xml'
        if (Test-Path -LiteralPath $cfg) {
            $x = [xml](Get-Content -LiteralPath $cfg -Raw)
            $target = $x.SelectSingleNode('//TargetUrl')
            $catalog = Get-Item -LiteralPath (Join-Path $dir 'Catalog1.edb') -ErrorAction SilentlyContinue
            $protected = $null
            if ($p.Loaded) {
                $key = Get-ItemProperty -LiteralPath ('Registry::HKEY_USERS\' + $p.SID + '\Software\Microsoft\Windows\CurrentVersion\FileHistory') -Name ProtectedUpToTime -ErrorAction SilentlyContinue
                if ($key) { $protected = [long]$key.ProtectedUpToTime }
            }
            $list += [ordered]@{ Profile = $p.LocalPath; TargetUrl = $(if ($target) { $target.InnerText } else { $null })
                CatalogModified = $(if ($catalog) { Vigie-Date $catalog.LastWriteTime } else { $null })
                ProfileLoaded = [bool]$p.Loaded; ProtectedUpToTime = $protected }
        }
    }
    $list
}
$out
