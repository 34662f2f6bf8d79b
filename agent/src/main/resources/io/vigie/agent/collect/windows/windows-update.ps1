# Windows Update through its COM API (no admin). The search is offline (the result of the last scan Windows
# made itself): fast and side-effect free; LastSearchSuccessDate tells how fresh it is.
$out = [ordered]@{}
$out.results = Vigie-Try {
    $au = New-Object -ComObject Microsoft.Update.AutoUpdate
    [ordered]@{ LastSearchSuccessDate = Vigie-UtcDate $au.Results.LastSearchSuccessDate
        LastInstallationSuccessDate = Vigie-UtcDate $au.Results.LastInstallationSuccessDate }
}
$out.search = Vigie-Try {
    $session = New-Object -ComObject Microsoft.Update.Session
    $searcher = $session.CreateUpdateSearcher()
    $searcher.Online = $false
    $r = $searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'")
    $list = @()
    foreach ($u in $r.Updates) {
        $list += [ordered]@{ Title = $u.Title; KBArticleIDs = @($u.KBArticleIDs);
            CategoryIDs = @($u.Categories | ForEach-Object { $_.CategoryID }); MsrcSeverity = $u.MsrcSeverity }
    }
    [ordered]@{ ResultCode = [int]$r.ResultCode; Updates = $list }
}
$out.history = Vigie-Try {
    $session = New-Object -ComObject Microsoft.Update.Session
    $searcher = $session.CreateUpdateSearcher()
    $count = $searcher.GetTotalHistoryCount()
    $list = @()
    if ($count -gt 0) {
        foreach ($h in $searcher.QueryHistory(0, [Math]::Min($count, 1000))) {
            $list += [ordered]@{ Date = Vigie-UtcDate $h.Date; Operation = [int]$h.Operation; ResultCode = [int]$h.ResultCode
                CategoryIDs = @($h.Categories | ForEach-Object { $_.CategoryID }) }
        }
    }
    [ordered]@{ TotalCount = $count; Entries = $list }
}
$out.reboot = Vigie-Try {
    [ordered]@{
        RebootRequiredKey = Vigie-RegKeyExists 'SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'
        SystemInfoRebootRequired = (New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired
    }
}
$auKey = 'SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU'
$out.policy = Vigie-Try {
    [ordered]@{
        InstallationType = Vigie-Reg 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'InstallationType'
        NoAutoUpdate = Vigie-Reg $auKey 'NoAutoUpdate'
        AUOptions = Vigie-Reg $auKey 'AUOptions'
        UseWUServer = Vigie-Reg $auKey 'UseWUServer'
        WUServer = Vigie-Reg 'SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' 'WUServer'
        WuauservStart = Vigie-Reg 'SYSTEM\CurrentControlSet\Services\wuauserv' 'Start'
    }
}
$out
