# Local accounts and the Administrators group, by SID (names are localized: Administrateurs, Invité). No admin.
$out = [ordered]@{}
$out.computer = Vigie-Try {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem -OperationTimeoutSec 10
    $user = $cs.UserName
    $sid = $null
    if ($user) {
        try { $sid = ([Security.Principal.NTAccount]$user).Translate([Security.Principal.SecurityIdentifier]).Value } catch { }
    }
    [ordered]@{ Name = $cs.Name; DomainRole = [int]$cs.DomainRole; PartOfDomain = $cs.PartOfDomain;
        UserName = $user; UserSid = $sid }
}
$out.users = Vigie-Try {
    if (Get-Command Get-LocalUser -ErrorAction SilentlyContinue) {
        [ordered]@{ Source = 'Get-LocalUser'; Users = @(Get-LocalUser | ForEach-Object {
            [ordered]@{ Name = $_.Name; SID = $_.SID.Value; Enabled = $_.Enabled;
                PasswordRequired = $_.PasswordRequired; LastLogon = Vigie-Date $_.LastLogon } }) }
    } else {
        [ordered]@{ Source = 'Win32_UserAccount'; Users = @(Get-CimInstance -ClassName Win32_UserAccount `
            -Filter 'LocalAccount=TRUE' -OperationTimeoutSec 10 | ForEach-Object {
            [ordered]@{ Name = $_.Name; SID = $_.SID; Enabled = -not $_.Disabled;
                PasswordRequired = $_.PasswordRequired; LastLogon = $null } }) }
    }
}
# Members of S-1-5-32-544. Get-LocalGroupMember throws "Failed to compare two elements in the array" when the
# group holds an orphaned or Azure AD SID (PowerShell issues #2996, #21617): fall back to CIM associations.
$out.admins = Vigie-Try {
    $first = $null
    if (Get-Command Get-LocalGroupMember -ErrorAction SilentlyContinue) {
        try {
            return [ordered]@{ Source = 'Get-LocalGroupMember'; Members = @(Get-LocalGroupMember -SID 'S-1-5-32-544' |
                ForEach-Object { [ordered]@{ Name = $_.Name; SID = $_.SID.Value; ObjectClass = "$($_.ObjectClass)";
                    PrincipalSource = "$($_.PrincipalSource)" } }) }
        } catch {
            $first = $_.Exception.Message
        }
    }
    $group = Get-CimInstance -ClassName Win32_Group -Filter "SID='S-1-5-32-544' AND LocalAccount=TRUE" -OperationTimeoutSec 10
    $members = @(Get-CimAssociatedInstance -InputObject $group -Association Win32_GroupUser -OperationTimeoutSec 10 |
        ForEach-Object { [ordered]@{ Name = "$($_.Domain)\$($_.Name)"; SID = $_.SID;
            ObjectClass = $_.CimClass.CimClassName; PrincipalSource = $null } })
    [ordered]@{ Source = 'Win32_GroupUser'; FallbackFrom = $first; Members = $members }
}
# Profiles used lately, to judge the daily user when nobody is logged on (a scheduled run). Best: ProfileList
# LocalProfileLoadTimeHigh/Low (the two halves of a FILETIME written at each profile load); else Win32_UserProfile
# LastUseTime (Microsoft Learn; also touched by programs that open the profile). Names by SID translation.
$out.profiles = Vigie-Try {
    @(Get-CimInstance -ClassName Win32_UserProfile -Filter 'Special=FALSE' -OperationTimeoutSec 10 | ForEach-Object {
        $k = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\' + $_.SID
        $name = $null
        try { $name = ([Security.Principal.SecurityIdentifier]$_.SID).Translate([Security.Principal.NTAccount]).Value } catch { }
        [ordered]@{ SID = $_.SID; Name = $name; LocalPath = $_.LocalPath; LastUseTime = Vigie-Date $_.LastUseTime
            LoadTimeHigh = Vigie-Reg $k 'LocalProfileLoadTimeHigh'; LoadTimeLow = Vigie-Reg $k 'LocalProfileLoadTimeLow' } })
}
$out.winlogon = Vigie-Try {
    $w = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
    [ordered]@{ AutoAdminLogon = Vigie-Reg $w 'AutoAdminLogon'; DefaultUserName = Vigie-Reg $w 'DefaultUserName';
        DefaultDomainName = Vigie-Reg $w 'DefaultDomainName' }
}
$out.lsa = Vigie-Try {
    [ordered]@{ LimitBlankPasswordUse = Vigie-Reg 'SYSTEM\CurrentControlSet\Control\Lsa' 'LimitBlankPasswordUse' }
}
$out
