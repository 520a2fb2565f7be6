package com.liferay.portal.kernel.service

/* Stub: the real signature, printing its arguments. */
class CompanyLocalServiceUtil {
	static Object deleteCompany(long companyId) { lrstub.StubLog.call('deleteCompany', companyId); null }
}
