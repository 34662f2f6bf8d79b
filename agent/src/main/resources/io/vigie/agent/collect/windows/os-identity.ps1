# Identity from the registry (not localized, no admin), caption and architecture from CIM, ESU licences.
$cv = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion'
$out = [ordered]@{}
$out.currentVersion = Vigie-Try {
    [ordered]@{
        CurrentBuild = Vigie-Reg $cv 'CurrentBuild'
        UBR = Vigie-Reg $cv 'UBR'
        DisplayVersion = Vigie-Reg $cv 'DisplayVersion'
        ReleaseId = Vigie-Reg $cv 'ReleaseId'
        EditionID = Vigie-Reg $cv 'EditionID'
        InstallationType = Vigie-Reg $cv 'InstallationType'
        ProductName = Vigie-Reg $cv 'ProductName'
    }
}
$out.os = Vigie-Try {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem -OperationTimeoutSec 10
    [ordered]@{ Caption = $os.Caption; Version = $os.Version; OSArchitecture = $os.OSArchitecture;
        ProductType = $os.ProductType; MUILanguages = @($os.MUILanguages) }
}
$out.processorArchitecture = "$env:PROCESSOR_ARCHITECTURE"
# Extended Security Updates: an ESU add-on licence (MAK/subscription) shows as a SoftwareLicensingProduct whose
# Name mentions ESU, with a product key installed and LicenseStatus 1 (Licensed).
$out.esu = Vigie-Try {
    @(Get-CimInstance -ClassName SoftwareLicensingProduct -Filter "Name LIKE '%ESU%'" -OperationTimeoutSec 20 |
        ForEach-Object { [ordered]@{ Name = $_.Name; LicenseStatus = $_.LicenseStatus;
            HasKey = -not [string]::IsNullOrEmpty($_.PartialProductKey) } })
}
$out
